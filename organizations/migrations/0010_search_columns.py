"""The stored search columns (core.search: generated from the models'
search_fields, so adding them fills every existing row) and their GIN indexes."""

import core.search
import django.contrib.postgres.search
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0007_search_folding'),
        ('organizations', '0009_reminders'),
    ]

    operations = [
        migrations.AddField(
            model_name='organization',
            name='search_document',
            field=models.GeneratedField(db_persist=True, expression=core.search.FoldedDocument('A:acronym', 'A:name_vi', 'A:name_en', 'B:slug', 'C:description_vi', 'C:description_en'), output_field=django.contrib.postgres.search.SearchVectorField(), verbose_name='search document'),
        ),
        migrations.AddField(
            model_name='organization',
            name='search_names',
            field=models.GeneratedField(db_persist=True, expression=core.search.FoldedNames('acronym', 'name_vi', 'name_en'), output_field=models.TextField(), verbose_name='search names'),
        ),
        migrations.AddField(
            model_name='organizationname',
            name='search_document',
            field=models.GeneratedField(db_persist=True, expression=core.search.FoldedDocument('A:acronym', 'A:name_vi', 'A:name_en'), output_field=django.contrib.postgres.search.SearchVectorField(), verbose_name='search document'),
        ),
        migrations.AddField(
            model_name='organizationname',
            name='search_names',
            field=models.GeneratedField(db_persist=True, expression=core.search.FoldedNames('acronym', 'name_vi', 'name_en'), output_field=models.TextField(), verbose_name='search names'),
        ),
        core.search.search_index_migration('organizations_organization', 'organizations_organizationname'),
    ]
